package w

import (
	"context"
	"fmt"

	"example.com/app/kit"
)

// Service gets its shell from a constructor in another package, as a type that embeds the
// typed client, and hands it to a writer that fmt writes to: w.app is granted shell.core, in the
// default mode as with --no-triage (a value of a type that embeds a :666 client carries its
// calls, so the function holding one lies on the path although it names no api package).
type Service struct {
	*Intermediate
}

// Log writes a line.
func (svc *Service) Log(ctx context.Context) error {
	var r kit.Runner = kit.NewShell(svc)
	_, err := fmt.Fprintf(kit.Writer{Inner: kit.Box[kit.Runner]{V: r}.Get()}, "ls")
	return err
}
