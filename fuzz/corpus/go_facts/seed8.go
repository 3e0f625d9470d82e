package login

import (
	"context"
	"testing"

	"github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi"
)

// Tests mint tokens directly; test files never produce grants.
func TestSignIn(t *testing.T) {
	_, _ = accesstokenapi.NewClient(nil).Mint(context.Background(), map[string]any{"sub": "tester"})
}
