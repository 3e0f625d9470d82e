package caller

func (svc *Service) Broken( { // want: deny analysis_incomplete
