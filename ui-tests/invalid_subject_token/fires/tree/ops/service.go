package ops

import (
	"context"

	"example.com/app/vault/vaultapi"
	"github.com/microbus-io/fabric/pub"
)

type Service struct{ *Intermediate }

// Unseal with a method that would add subject tokens.
func (svc *Service) Unseal(ctx context.Context) error {
	_, err := svc.Request(ctx, pub.Method("GET.any.*.x"), pub.URL("https://vault.app:666/unseal")) // want: deny invalid_subject_token
	return err
}

// Elsewhere sends the typed call to a host that would be a wildcard.
func (svc *Service) Elsewhere(ctx context.Context) error {
	return vaultapi.NewClient(svc).ForHost("*").Unseal(ctx) // want: deny invalid_subject_token
}
