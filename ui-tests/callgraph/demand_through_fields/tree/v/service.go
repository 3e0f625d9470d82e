package v

import (
	"context"
	"fmt"

	"github.com/microbus-io/fabric/coreservices/shell/shellapi"

	"example.com/app/kit"
)

// Service hands its shell through a generic box's method into a writer that fmt writes to:
// v.app is granted shell.core, in the default mode as with --no-triage (the box's Get must be
// parsed although nothing in it names :666: its field holds a value whose type embeds a :666
// client, so the field, and what reads it, lies on the path; seed 105225).
type Service struct {
	*Intermediate
}

// Log writes a line.
func (svc *Service) Log(ctx context.Context) error {
	var r kit.Runner = kit.Shell{Client: shellapi.NewClient(svc)}
	_, err := fmt.Fprintf(kit.Writer{Inner: kit.Box[kit.Runner]{V: r}.Get()}, "ls")
	return err
}
