package s

import (
	"context"

	"example.com/app/kit"
)

// Service sends the shell job on channels it makes and keeps to itself: s.app is granted
// shell.core.
type Service struct {
	*Intermediate
}

// Buffered sends and receives in one body.
func (svc *Service) Buffered(ctx context.Context) error {
	jobs := make(chan kit.Job, 1)
	jobs <- kit.Shell
	job := <-jobs
	return job(ctx, svc)
}

// Spawned sends from a goroutine and receives in a select: the closure shares the body's
// channel.
func (svc *Service) Spawned(ctx context.Context) error {
	jobs := make(chan kit.Job)
	go func() { jobs <- kit.Shell }()
	select {
	case job := <-jobs:
		return job(ctx, svc)
	case <-ctx.Done():
		return ctx.Err()
	}
}
