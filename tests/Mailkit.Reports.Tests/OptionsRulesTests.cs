using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Mailkit.Reports.Resilience;

namespace Mailkit.Reports.Tests;

public class OptionsRulesTests
{
    [Theory]
    [InlineData(typeof(MailkitClientOptions))]
    [InlineData(typeof(MailkitRetryOptions))]
    [InlineData(typeof(MailkitRateLimitOptions))]
    public void OptionsTypes_DeclareNoValidationAttributes_TheRulesAreWrittenOnce(Type options)
    {
        var attributed = options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttributes<ValidationAttribute>().Any())
            .Select(p => p.Name);

        Assert.Empty(attributed);
    }
}
