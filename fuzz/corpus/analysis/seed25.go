package hsm

type Service struct{ *Intermediate }
