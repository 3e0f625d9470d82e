// Command vtaoracle is rootlint's independent judge: for Go programs written against the
// stand-in framework packages beside it, it prints which service can reach which :666 typed
// client method, using Go's own type checker, SSA with generics instantiated, and the VTA call
// graph (seeded with CHA), as govulncheck does.
//
// Usage (GOPATH mode, Go 1.19): vtaoracle PREFIX... where each PREFIX is the import path of one
// program's root; every `main` package under it is one binary. Output, one line per grant:
//
//	GRANT <prefix> <service package> <sink> <file>,<file>,...
//
// The files are those of the functions on one shortest path from the service's entry points to
// the call of the sink, relative to the program root. A program that does not type-check is
// printed as `ERROR <prefix> <message>` and exits 1.
//
// With `-live` first, it also prints the functions of each program, to judge grants by their
// call sites (raw requests and application endpoints, which have no typed sink):
//
//	FUNC <prefix> <file>:<first line>-<last line>
//	LIVE <prefix> <service package> <file>:<first line>-<last line>
//
// FUNC lists every function and closure declared under the prefix; LIVE those a service's entry
// points reach in one of the binaries that link it.
package main

import (
	"fmt"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/callgraph"
	"golang.org/x/tools/go/callgraph/cha"
	"golang.org/x/tools/go/callgraph/vta"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"
)

// sinks are the typed-client methods that make a :666 call, by package path suffix and name.
var sinks = map[string]string{
	"coreservices/accesstoken/accesstokenapi.Client.Mint": "access.token.core POST /mint",
	"coreservices/bearertoken/bearertokenapi.Client.Mint": "bearer.token.core POST /mint",
	"coreservices/shell/shellapi.Client.Execute":          "shell.core POST /execute",
}

func sinkOf(f *ssa.Function) string {
	if f == nil || f.Signature.Recv() == nil {
		return ""
	}
	recv := f.Signature.Recv().Type()
	if p, ok := recv.(*types.Pointer); ok {
		recv = p.Elem()
	}
	named, ok := recv.(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return ""
	}
	key := named.Obj().Pkg().Path() + "." + named.Obj().Name() + "." + f.Name()
	for suffix := range sinks {
		if strings.HasSuffix(key, "/"+suffix) {
			return suffix
		}
	}
	return ""
}

// live asks for the FUNC and LIVE lines.
var live bool

func main() {
	prefixes := os.Args[1:]
	if len(prefixes) > 0 && prefixes[0] == "-live" {
		live = true
		prefixes = prefixes[1:]
	}
	patterns := make([]string, len(prefixes))
	for i, p := range prefixes {
		patterns[i] = p + "/..."
	}
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedFiles | packages.NeedImports |
		packages.NeedDeps | packages.NeedTypes | packages.NeedSyntax | packages.NeedTypesInfo}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		fmt.Printf("ERROR * %v\n", err)
		os.Exit(1)
	}
	failed := false
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			fmt.Printf("ERROR %s %v\n", p.PkgPath, e)
			failed = true
		}
	})
	if failed {
		os.Exit(1)
	}
	var lines []string
	for _, p := range pkgs {
		if p.Name != "main" {
			continue
		}
		prefix := ""
		for _, pre := range prefixes {
			if p.PkgPath == pre || strings.HasPrefix(p.PkgPath, pre+"/") {
				prefix = pre
			}
		}
		lines = append(lines, binary(p, prefix)...)
	}
	sort.Strings(lines)
	lines = dedup(lines)
	for _, l := range lines {
		fmt.Println(l)
	}
}

func dedup(in []string) []string {
	var out []string
	for i, s := range in {
		if i == 0 || in[i-1] != s {
			out = append(out, s)
		}
	}
	return out
}

// binary analyzes one main package as the program it links.
func binary(mainPkg *packages.Package, prefix string) []string {
	prog, _ := ssautil.AllPackages([]*packages.Package{mainPkg}, ssa.InstantiateGenerics)
	prog.Build()
	var services []*ssa.Package
	var roots []*ssa.Function
	for _, imp := range mainPkg.Imports {
		sp := prog.ImportedPackage(imp.PkgPath)
		if sp == nil {
			continue
		}
		if _, ok := sp.Members["Service"].(*ssa.Type); ok {
			services = append(services, sp)
		}
	}
	entries := map[*ssa.Package][]*ssa.Function{}
	for _, sp := range services {
		t := sp.Members["Service"].(*ssa.Type).Type()
		mset := prog.MethodSets.MethodSet(types.NewPointer(t))
		for i := 0; i < mset.Len(); i++ {
			sel := mset.At(i)
			// What the framework runs: the exported methods the service package declares
			// (on Service or on the generated types it embeds), not the connector's own.
			if !sel.Obj().Exported() || sel.Obj().Pkg() != sp.Pkg {
				continue
			}
			if f := prog.MethodValue(sel); f != nil {
				entries[sp] = append(entries[sp], f)
				roots = append(roots, f)
			}
		}
	}
	for _, p := range prog.AllPackages() {
		if f := p.Func("init"); f != nil {
			roots = append(roots, f)
		}
		if f := p.Func("main"); f != nil {
			roots = append(roots, f)
		}
	}
	initial := cha.CallGraph(prog)
	funcs := reachable(initial, roots)
	graph := vta.CallGraph(funcs, initial)
	var out []string
	for _, sp := range services {
		for sink, files := range grants(graph, entries[sp], prefix) {
			out = append(out, fmt.Sprintf("GRANT %s %s %s %s", prefix, sp.Pkg.Path(), sink, strings.Join(files, ",")))
		}
	}
	if live {
		for f := range ssautil.AllFunctions(prog) {
			if at := extent(f, prefix); at != "" {
				out = append(out, fmt.Sprintf("FUNC %s %s", prefix, at))
			}
		}
		for _, sp := range services {
			for f := range reachable(graph, entries[sp]) {
				if at := extent(f, prefix); at != "" {
					out = append(out, fmt.Sprintf("LIVE %s %s %s", prefix, sp.Pkg.Path(), at))
				}
			}
		}
	}
	return out
}

// extent is where a function's source is, relative to the program root: "" for functions
// declared elsewhere or without source.
func extent(f *ssa.Function, prefix string) string {
	syntax := f.Syntax()
	if syntax == nil {
		return ""
	}
	start := f.Prog.Fset.Position(syntax.Pos())
	end := f.Prog.Fset.Position(syntax.End())
	marker := "/src/" + prefix + "/"
	name := filepath.ToSlash(start.Filename)
	i := strings.Index(name, marker)
	if i < 0 {
		return ""
	}
	return fmt.Sprintf("%s:%d-%d", name[i+len(marker):], start.Line, end.Line)
}

// reachable is the set of functions reachable from the roots in the graph.
func reachable(g *callgraph.Graph, roots []*ssa.Function) map[*ssa.Function]bool {
	seen := map[*ssa.Function]bool{}
	var stack []*ssa.Function
	for _, r := range roots {
		if !seen[r] {
			seen[r] = true
			stack = append(stack, r)
		}
	}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := g.Nodes[f]
		if n == nil {
			continue
		}
		for _, e := range n.Out {
			if !seen[e.Callee.Func] {
				seen[e.Callee.Func] = true
				stack = append(stack, e.Callee.Func)
			}
		}
	}
	return seen
}

// grants maps each sink a service reaches to the files of the functions on a shortest path.
func grants(g *callgraph.Graph, entries []*ssa.Function, prefix string) map[string][]string {
	parent := map[*ssa.Function]*ssa.Function{}
	var queue []*ssa.Function
	for _, e := range entries {
		if _, ok := parent[e]; !ok {
			parent[e] = nil
			queue = append(queue, e)
		}
	}
	out := map[string][]string{}
	for len(queue) > 0 {
		f := queue[0]
		queue = queue[1:]
		n := g.Nodes[f]
		if n == nil {
			continue
		}
		for _, e := range n.Out {
			callee := e.Callee.Func
			if s := sinkOf(callee); s != "" {
				if _, done := out[s]; !done {
					out[s] = pathFiles(parent, f, prefix)
				}
				continue
			}
			if _, ok := parent[callee]; !ok {
				parent[callee] = f
				queue = append(queue, callee)
			}
		}
	}
	return out
}

func pathFiles(parent map[*ssa.Function]*ssa.Function, f *ssa.Function, prefix string) []string {
	seen := map[string]bool{}
	var files []string
	for ; f != nil; f = parent[f] {
		pos := f.Prog.Fset.Position(f.Pos())
		if !pos.IsValid() {
			continue
		}
		dir := filepath.ToSlash(pos.Filename)
		marker := "/src/" + prefix + "/"
		i := strings.Index(dir, marker)
		if i < 0 {
			continue
		}
		rel := dir[i+len(marker):]
		if !seen[rel] {
			seen[rel] = true
			files = append(files, rel)
		}
	}
	sort.Strings(files)
	if len(files) == 0 {
		files = []string{"-"}
	}
	return files
}
