namespace MultiCloud.KubeDoubles.Controllers;

public static class ControllerManager
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(1);
}
