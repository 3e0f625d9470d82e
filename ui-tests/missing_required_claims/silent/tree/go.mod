module github.com/microbus-io/fabric

go 1.24
