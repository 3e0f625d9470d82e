package q

import (
	"context"

	"example.com/app/kit"
)

// Service holds a Loud in instances of the same generics it calls Do through, and never
// calls Loud's Do: q.app is granted nothing.
type Service struct {
	*Intermediate
}

// Result: Id[Quiet]'s result holds a Quiet only, though Id[Loud] returns a Loud.
func (svc *Service) Result(ctx context.Context) error {
	loud := kit.Id(kit.Loud{Pub: svc})
	_ = loud.Name()
	var d kit.Doer = kit.Id(kit.Quiet{})
	return d.Do(ctx)
}

// Field: the V of a Box[Quiet] is never the V of a Box[Loud].
func (svc *Service) Field(ctx context.Context) error {
	quiet := kit.Box[kit.Quiet]{V: kit.Quiet{}}
	loud := kit.Box[kit.Loud]{V: kit.Loud{Pub: svc}}
	_ = loud.V.Name()
	var d kit.Doer = quiet.V
	return d.Do(ctx)
}

// Method: Box[Quiet].Get gives a Quiet, whatever Box[Loud].Get gives.
func (svc *Service) Method(ctx context.Context) error {
	quiet := kit.Box[kit.Quiet]{V: kit.Quiet{}}
	loud := kit.Box[kit.Loud]{V: kit.Loud{Pub: svc}}
	_ = loud.Get().Name()
	var d kit.Doer = quiet.Get()
	return d.Do(ctx)
}
