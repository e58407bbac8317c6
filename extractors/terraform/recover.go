package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// HCL's parser gives up on the rest of a file after some syntax errors, such
// as an unclosed list, so a typo in one resource would hide every resource
// written after it. A file that does not parse is therefore read again one
// top-level block at a time: the blocks that parse on their own are kept,
// and the broken one keeps what the parser recovered of it.

// topLevelKeywords are the block types Terraform allows at the top of a
// file. A block of any of them ends the one before it, even when tms reads
// nothing from it.
var topLevelKeywords = map[string]bool{
	"resource": true, "data": true, "module": true, "provider": true,
	"terraform": true, "variable": true, "locals": true, "output": true,
	"moved": true, "import": true, "removed": true, "check": true,
}

// recoverBlocks parses each top-level block of a native syntax file on its
// own and returns the blocks that topLevel names. Positions stay those of
// the whole file.
func recoverBlocks(src []byte, path string) []*hcl.Block {
	starts := blockStarts(src, path)
	var blocks []*hcl.Block
	for i, start := range starts {
		end := len(src)
		if i+1 < len(starts) {
			end = starts[i+1].Byte
		}
		file, _ := hclsyntax.ParseConfig(src[start.Byte:end], path, start)
		if file == nil || file.Body == nil {
			continue
		}
		if content, _, _ := file.Body.PartialContent(topLevel); content != nil {
			blocks = append(blocks, content.Blocks...)
		}
	}
	return blocks
}

// blockStarts returns where each chunk of the file begins: the file's start,
// and every line that opens a top-level block. Such a line starts in the
// first column with a top-level keyword, as terraform fmt writes it, and
// opens a brace before the line ends. Lines inside a heredoc or a quoted
// string are never starts, so a heredoc holding Terraform code is not cut.
// The lexer reads strings and heredocs right even where the parse fails.
func blockStarts(src []byte, path string) []hcl.Pos {
	tokens, _ := hclsyntax.LexConfig(src, path, hcl.InitialPos)
	starts := []hcl.Pos{hcl.InitialPos}
	inTemplate := 0
	for i, tok := range tokens {
		switch tok.Type {
		case hclsyntax.TokenOQuote, hclsyntax.TokenOHeredoc:
			inTemplate++
		case hclsyntax.TokenCQuote, hclsyntax.TokenCHeredoc:
			inTemplate = max(inTemplate-1, 0)
		case hclsyntax.TokenIdent:
			if inTemplate == 0 && opensBlock(tokens, i) && tok.Range.Start.Byte > 0 {
				starts = append(starts, tok.Range.Start)
			}
		}
	}
	return starts
}

// opensBlock reports whether the identifier at i begins a line in the first
// column with a top-level keyword and is followed by a brace on that line,
// with no equals sign before it, which would make it an argument.
func opensBlock(tokens hclsyntax.Tokens, i int) bool {
	tok := tokens[i]
	if tok.Range.Start.Column != 1 || !topLevelKeywords[string(tok.Bytes)] {
		return false
	}
	for _, next := range tokens[i+1:] {
		switch next.Type {
		case hclsyntax.TokenOBrace:
			return true
		case hclsyntax.TokenNewline, hclsyntax.TokenEqual, hclsyntax.TokenEOF:
			return false
		}
	}
	return false
}
