module example.com/fh

go 1.22
