global using System.Diagnostics;
global using AddonGrains.GrainInterfaces;
global using AddonGrains.Configuration;
global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Logging;
