// Package httpx is a stand-in for the framework's URL helpers (oracle only).
package httpx

import "strings"

// JoinHostAndPath joins a hostname and a route into a URL.
func JoinHostAndPath(host string, route string) string {
	if strings.HasPrefix(route, ":") {
		return "https://" + host + route
	}
	return "https://" + host + "/" + strings.TrimPrefix(route, "/")
}
