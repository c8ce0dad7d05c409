using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Longhaul.Linux.Tests")]
[assembly: InternalsVisibleTo("Longhaul.Benchmarks")]
