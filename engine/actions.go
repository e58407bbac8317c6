package engine

import (
	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors/threatmodel"
)

// Handling is what `actions:` in .tms.yaml does with the findings of one
// severity. Each maps onto an Action for the decision; ticket also marks the
// finding for `tms ticket`.
type Handling string

// The handlings, from most to least pressing.
const (
	HandleBlock   Handling = "block"   // block the change (exit 1)
	HandleTicket  Handling = "ticket"  // warn, and open an issue with tms ticket
	HandleComment Handling = "comment" // warn: listed in the pull-request comment
	HandleLog     Handling = "log"     // info: in the log and the reports, never pressing
)

var handlingActions = map[Handling]Action{
	HandleBlock:   ActionBlock,
	HandleTicket:  ActionWarn,
	HandleComment: ActionWarn,
	HandleLog:     ActionInfo,
}

var handlingCheck = threatmodel.OneOf("an action", "block", "ticket", "comment", "log")

var severityNames = []string{"critical", "high", "medium", "low", "info"}

// severityActions reads `actions:`, a mapping from severity to handling.
// Severities it leaves out keep the action fail_on and warn_on give them.
func severityActions(d *threatmodel.Decoder, f *threatmodel.Fields) map[Severity]Handling {
	n := f.Node("actions")
	if n != nil && n.Kind != yaml.MappingNode {
		d.Problemf(n, "actions", "found a %s (expected a mapping from severity to "+
			"block, ticket, comment or log)", kindName(n))
		return nil
	}
	af := d.Fields(n, "actions", severityNames...)
	if af == nil {
		return nil
	}
	out := map[Severity]Handling{}
	for _, s := range severityNames {
		if af.Has(s) {
			out[Severity(s)] = Handling(af.String(s, handlingCheck))
		}
	}
	return out
}
