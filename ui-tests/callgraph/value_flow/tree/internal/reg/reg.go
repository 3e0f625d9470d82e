// Package reg is a registry of hooks that run only where Run is called.
package reg

import "context"

var hooks []func(context.Context) error

// Register adds a hook.
func Register(f func(context.Context) error) { hooks = append(hooks, f) }

// Run runs the hooks.
func Run(ctx context.Context) error {
	for _, f := range hooks {
		if err := f(ctx); err != nil {
			return err
		}
	}
	return nil
}
