// Package dotnet extracts the NuGet packages .NET projects depend on: the
// PackageReference items of *.csproj, *.fsproj and *.vbproj files and of
// Directory.Build.props, with versions from Central Package Management
// (Directory.Packages.props) and from the packages.lock.json beside them,
// and the packages of an old-style packages.config.
//
// Files are read with encoding/xml and encoding/json, keeping the line of
// every element and lockfile entry.
package dotnet
