package caller

import (
	"context"
	"example.com/app/roles/rolesapi"
)

type Service struct{}

func mockOnly(svc *Service) { rolesapi.NewClient(svc).Wipe(nil, "t") }
