using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Longhaul.Egress.Tests")]
