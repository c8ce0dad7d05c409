using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Longhaul.Health.Tests")]
