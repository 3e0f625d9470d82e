package roles

type Service struct{ *Intermediate }
