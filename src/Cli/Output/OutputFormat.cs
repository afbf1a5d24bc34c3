namespace MultiCloud.Cli.Output
{
    /// <summary>How a verb prints its result on stdout.</summary>
    public enum OutputFormat
    {
        Text,
        Json,
    }
}
