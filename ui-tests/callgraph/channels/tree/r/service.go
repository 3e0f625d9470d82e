package r

import (
	"context"

	"example.com/app/kit"
)

// Service receives from channels of the same element type as s's, in the same binary. Its
// channels only ever hold kit.Quiet: r.app is granted nothing.
type Service struct {
	*Intermediate
}

// Buffered receives what it sent itself.
func (svc *Service) Buffered(ctx context.Context) error {
	jobs := make(chan kit.Job, 1)
	jobs <- kit.Quiet
	job := <-jobs
	return job(ctx, svc)
}

// Ranged ranges over its own channel.
func (svc *Service) Ranged(ctx context.Context) error {
	jobs := make(chan kit.Job, 1)
	go func() { jobs <- kit.Quiet }()
	for job := range jobs {
		return job(ctx, svc)
	}
	return nil
}
