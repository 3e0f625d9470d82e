package audit

// Service is the audit service.
type Service struct{}
