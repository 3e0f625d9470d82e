package caller

func (svc *Service) Broken( { // want: analysis_incomplete
