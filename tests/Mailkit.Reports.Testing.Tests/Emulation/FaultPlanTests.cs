using Mailkit.Reports.Testing.Emulation;

namespace Mailkit.Reports.Testing.Tests.Emulation;

public class FaultPlanTests
{
    [Fact]
    public void Pick_PlannedRequest_ThePlannedFaultWhateverTheProbability()
    {
        var plan = new FaultPlan(new EmulatorSettings { FaultProbability = 1, RandomFaults = [EmulatorFault.BadGateway] });
        plan.Plan(3, EmulatorFault.SlowResponse);

        Assert.Equal(EmulatorFault.SlowResponse, plan.Pick(3));
        Assert.Equal(EmulatorFault.BadGateway, plan.Pick(4));
    }

    [Fact]
    public void Pick_NoProbability_NoFault()
    {
        var plan = new FaultPlan(new EmulatorSettings());

        Assert.All(Enumerable.Range(1, 100), n => Assert.Equal(EmulatorFault.None, plan.Pick(n)));
    }

    [Fact]
    public void Pick_SameSeed_SameSequenceWithSomeOfEachOutcome()
    {
        var settings = new EmulatorSettings { FaultProbability = 0.5 };
        var first = new FaultPlan(settings);
        var second = new FaultPlan(settings);
        first.Seed(8);
        second.Seed(8);

        var a = Enumerable.Range(1, 200).Select(first.Pick).ToList();
        var b = Enumerable.Range(1, 200).Select(second.Pick).ToList();

        Assert.Equal(a, b);
        Assert.Contains(EmulatorFault.None, a);
        Assert.True(a.Where(f => f != EmulatorFault.None).Distinct().Count() > 1);
        Assert.All(a, f => Assert.True(f == EmulatorFault.None || settings.RandomFaults.Contains(f)));
    }
}
