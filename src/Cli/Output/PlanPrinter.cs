using MultiCloud.Engine.Planning;

namespace MultiCloud.Cli.Output
{
    /// <summary>A plan as text on stdout, in the engine's own wording (the same text -WhatIf shows).</summary>
    public static class PlanPrinter
    {
        public static void Write(Terminal terminal, Plan plan)
        {
            var text = PlanText.Render(plan);
            terminal.Out.Write(text);
            if (!text.EndsWith('\n')) terminal.Out.WriteLine();
            terminal.Out.Flush();
        }
    }
}
