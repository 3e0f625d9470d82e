package ops

import (
	"context"

	"example.com/app/hsm/hsmapi"
	"example.com/app/vault/vaultapi"
	"github.com/microbus-io/fabric/service"
)

type Service struct{ *Intermediate }

// Unlock is ops' handler that unseals the vault: only ops calls it.
func (svc *Service) Unlock(ctx context.Context) error {
	return vaultapi.NewClient(svc).Unseal(ctx) // grant: ops.app -> vault.app POST /unseal
}

// Box decrypts through the HSM; it has an Open method like cipher.AEAD's.
type Box struct{ svc service.Publisher }

func (b *Box) Open(dst, nonce, ciphertext, data []byte) ([]byte, error) {
	return nil, hsmapi.NewClient(b.svc).Decrypt(context.Background()) // grant: ops.app -> hsm.app POST /decrypt
}

// Reveal uses a Box of its own.
func (svc *Service) Reveal(ctx context.Context) {
	b := &Box{svc: svc}
	_, _ = b.Open(nil, nil, nil, nil)
}
