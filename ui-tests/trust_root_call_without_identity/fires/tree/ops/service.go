package ops

type Service struct{ *Intermediate }
