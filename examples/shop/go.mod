module example.com/shop

go 1.24

require github.com/microbus-io/fabric v1.30.0
