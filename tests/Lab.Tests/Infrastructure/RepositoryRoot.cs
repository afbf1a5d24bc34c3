namespace MultiCloud.Lab.Tests.Infrastructure;

/// <summary>The repository the tests were built from, found by walking up from the test assembly.</summary>
public static class RepositoryRoot
{
    private const string Marker = "MultiCloud.slnx";

    public static string Find()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder != null && !File.Exists(Path.Combine(folder.FullName, Marker))) folder = folder.Parent;
        return folder?.FullName
            ?? throw new InvalidOperationException($"no {Marker} above {AppContext.BaseDirectory}; run the lab tests from a checkout of the repository");
    }

    public static string LabScript => Path.Combine(Find(), "tests", "lab", "lab.sh");
}
