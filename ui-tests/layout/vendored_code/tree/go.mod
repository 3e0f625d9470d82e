module example.com/vend

go 1.24

require github.com/acme/tokens v1.2.0
