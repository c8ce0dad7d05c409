using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Longhaul.Director.Tests")]
