package login

import (
	"context"
	"net/http"

	bt "github.com/microbus-io/fabric/coreservices/bearertoken/bearertokenapi"
	"github.com/microbus-io/fabric/pub"
)

// Service implements the login.shop microservice.
type Service struct {
	*Intermediate
}

// SignIn checks a password and mints a bearer token for the user (typed client, aliased import).
func (svc *Service) SignIn(w http.ResponseWriter, r *http.Request) error {
	user, ok := svc.verify(r)
	if !ok {
		w.WriteHeader(http.StatusUnauthorized)
		return nil
	}
	minter := bt.NewClient(svc).WithOptions(pub.Timeout(2))
	token, err := minter.Mint(r.Context(), map[string]any{ // grant: login.shop -> bearer.token.core POST /mint
		"sub":   user,
		"roles": []string{"customer"},
	})
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: "Authorization", Value: token})
	return nil
}

func (svc *Service) verify(r *http.Request) (string, bool) {
	return r.FormValue("user"), r.FormValue("password") != ""
}

// Refresh mints again through the multicast client, which sends the same :666 request.
func (svc *Service) Refresh(ctx context.Context, user string) {
	for range bt.NewMulticastClient(svc).Mint(ctx, map[string]any{"sub": user}) { // grant: login.shop -> bearer.token.core POST /mint
	}
}
