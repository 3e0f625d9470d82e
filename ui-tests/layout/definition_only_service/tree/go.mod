module example.com/y2026

go 1.24
