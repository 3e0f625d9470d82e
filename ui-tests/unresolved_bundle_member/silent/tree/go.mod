module example.com/bundle

go 1.24
