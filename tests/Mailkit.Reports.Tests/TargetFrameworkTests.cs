using System.Runtime.Versioning;

namespace Mailkit.Reports.Tests;

/// <summary>The unit tests run once per target framework the library ships; each run must be on its own runtime.</summary>
public class TargetFrameworkTests
{
    [Fact]
    public void Tests_RunOnTheRuntimeTheyWereBuiltFor()
    {
        var built = typeof(TargetFrameworkTests).Assembly.GetCustomAttributes(typeof(TargetFrameworkAttribute), false)
            .Cast<TargetFrameworkAttribute>().Single().FrameworkName;
        var library = typeof(MailkitClient).Assembly.GetCustomAttributes(typeof(TargetFrameworkAttribute), false)
            .Cast<TargetFrameworkAttribute>().Single().FrameworkName;

        Assert.Equal(new FrameworkName(built).Version.Major, Environment.Version.Major);
        Assert.Equal(built, library);
    }
}
