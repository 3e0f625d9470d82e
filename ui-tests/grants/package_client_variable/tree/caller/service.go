package caller

import "context"

type Service struct{ *Intermediate }

func (svc *Service) Login(ctx context.Context) (string, error) {
	return minter.Mint(ctx, map[string]any{"sub": "x"}) // grant: caller.app -> access.token.core POST /mint
}
