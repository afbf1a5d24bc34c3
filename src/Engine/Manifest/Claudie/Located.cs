namespace MultiCloud.Engine.Manifest.Claudie
{
    /// <summary>A value read from the InputManifest, with where it was written and its path there.</summary>
    internal sealed record Located<T>(T Value, SourceLocation Location, string Path);
}
