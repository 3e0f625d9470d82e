package ops

import "example.com/who/lib/shared"

type Service struct{ *Intermediate }

// Hello uses shared for its name only: ops never runs Rekey.
func (svc *Service) Hello() string { return shared.Name() }
