package caller

import "context"

type Service struct{}

func (svc *Service) Login(ctx context.Context) (string, error) {
	return minter.Mint(ctx, map[string]any{"sub": "x"})
}
