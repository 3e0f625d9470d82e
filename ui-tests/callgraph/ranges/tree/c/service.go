package c

import (
	"context"

	"example.com/app/kit"
)

// Service ranges over a channel: its one range variable is the element, which holds the Loud
// sent. c.app is granted shell.core.
type Service struct {
	*Intermediate
}

// Drain calls Do on what the channel carries.
func (svc *Service) Drain(ctx context.Context) error {
	ch := make(chan kit.Doer, 1)
	ch <- kit.Loud{Pub: svc}
	close(ch)
	for d := range ch {
		if err := d.Do(ctx); err != nil {
			return err
		}
	}
	return nil
}
