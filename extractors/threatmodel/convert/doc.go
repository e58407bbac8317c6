// Package convert moves threat models between tms and other tools: it reads
// the Open Threat Model format (OTM), Threagile YAML and OWASP Threat Dragon
// v2 JSON into a tms model, and writes a tms model out as OTM.
//
// An import never approves anything on a person's behalf: a status that the
// source cannot back with a named person and evidence comes in as unreviewed
// or proposed, and every element or status that could not be carried over as
// it was is returned as an Unmapped entry for the caller to show.
package convert
