using System;
using System.Runtime.InteropServices;

namespace MultiCloud.Cli
{
    /// <summary>Registers a handler for a POSIX signal where the platform has it; elsewhere registration is a no-op.</summary>
    internal static class StopSignal
    {
        public static IDisposable Register(PosixSignal signal, Action<PosixSignalContext> handler)
        {
            try
            {
                return PosixSignalRegistration.Create(signal, handler);
            }
            catch (PlatformNotSupportedException)
            {
                return new Nothing();
            }
        }

        private sealed class Nothing : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}
