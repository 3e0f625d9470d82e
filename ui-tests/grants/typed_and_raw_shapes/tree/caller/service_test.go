package caller

import (
	"context"
	"example.com/app/roles/rolesapi"
)

type Service struct{}

func testOnly(svc *Service) { rolesapi.NewClient(svc).Grant(nil, "t") }
