package roles

type Service struct{ *Intermediate }

// NewService creates a new roles.bundle service.
func NewService() *Service { return &Service{} }
