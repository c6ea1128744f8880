global using System.Collections.Immutable;
global using AddonGrains.GrainInterfaces;
global using Xunit;
global using AddonGrains.Testing;
