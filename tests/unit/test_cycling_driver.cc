// The cycle loop on a model without finite elements: a layer whose fatigue
// life is a fixed number of cycles. Checks which cycles the driver solves,
// that the fatigue it applies adds up to the cycles run, and that the first
// crack, the jumps' limits and the device state come out where the model
// puts them.
#include <bendsim/cycling_driver.h>
#include <cmath>
#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/timer.h>
#include <gtest/gtest.h>
#include <iostream>
#include <limits>
#include <stdexcept>

namespace
{
  using namespace bendsim;

  /** One crackable layer that cracks once it has seen @p life cycles:
   *  before that the cycles to its onset set the jump, after it none. */
  class FatigueLifeModel : public CyclicModel
  {
  public:
    explicit FatigueLifeModel(const double life)
      : life(life)
    {
    }

    void
    save_cycle_start() override
    {
      ++saved;
    }
    void
    restore_cycle_start() override
    {
      ++restored;
    }
    unsigned int
    solve_peak(const bool from_flat) override
    {
      solved_from_flat.push_back(from_flat);
      if (stop_at_solve > 0 && solved_from_flat.size() == stop_at_solve)
        throw StopRequested();
      return 3;
    }
    StepResult
    measure_peak(const unsigned int step) override
    {
      StepResult r;
      r.step      = step;
      r.curvature = 1e-4;
      r.damage.cracks.assign(1, aged >= life ? 1 : 0);
      r.damage.crack_density.assign(1, aged >= life ? 80. : 0.);
      r.damage.delaminated_fraction.clear();
      r.damage.counted_length = 12.5;
      if (aged >= life)
        r.damage.crack_list.assign(1, {ChannelCrack{6., 0.}});
      else
        r.damage.crack_list.assign(1, {});
      return r;
    }
    void
    measure_flat(DamageMetrics &damage) override
    {
      ++flat_measured;
      damage.flat_crack_list = damage.crack_list;
    }
    std::pair<double, JumpLimit>
    fatigue_cycle_jump() const override
    {
      if (aged >= life)
        return {std::numeric_limits<double>::infinity(),
                JumpLimit::largest_jump};
      return {life - aged, JumpLimit::crack_onset};
    }
    void
    apply_fatigue(const double cycles) override
    {
      aged += cycles;
    }
    void
    write_fields(unsigned int) override
    {
    }
    void
    write_checkpoint(const CycleCounter &, const RunResults &) const override
    {
    }
    CycleCounter
    read_checkpoint(RunResults &) override
    {
      return {};
    }

    const double      life;
    double            aged          = 0; ///< cycles of fatigue applied
    unsigned int      stop_at_solve = 0; ///< throw StopRequested there
    unsigned int      saved = 0, restored = 0, flat_measured = 0;
    std::vector<bool> solved_from_flat;
  };


  RunParameters
  cyclic_case()
  {
    Layer layer;
    layer.name      = "Film";
    layer.thickness = 1.;
    layer.crackable = true;
    RunParameters p;
    p.stack                      = Stack({layer});
    p.loading.type               = LoadingType::cyclic_bending;
    p.cycling.number_of_cycles   = 1000;
    p.cycling.explicit_cycles    = 3;
    p.cycling.largest_cycle_jump = 200;
    p.cycling.output_cycles      = {1, 10, 100, 1000};
    p.device.electrode           = 0; // the film is the electrode
    p.device.coupling            = DamageCoupling();
    p.output.checkpoint_interval = 0;
    return p;
  }


  RunResults
  run(const RunParameters &p, FatigueLifeModel &model)
  {
    RunResults results;
    results.first_crack.resize(p.stack.n_layers());
    const dealii::ConditionalOStream quiet(std::cout, false);
    const dealii::Timer              timer;
    CyclingDriver(p, MPI_COMM_WORLD, nullptr, quiet).run(model, results, timer);
    return results;
  }
} // namespace


TEST(CyclingDriver, SolvesTheCycleWhereTheModelSaysTheLayerCracks)
{
  const RunParameters p = cyclic_case();
  FatigueLifeModel    model(41.);
  const RunResults    results = run(p, model);

  // Cycles 1, 2, 3 one by one; then jumps to the onset (after 41 cycles of
  // fatigue: cycle 42), to the output cycles, and by 200 at most.
  std::vector<unsigned int> cycles;
  for (const StepResult &r : results.steps)
    cycles.push_back(r.cycle);
  const std::vector<unsigned int> expected = {
    1, 2, 3, 10, 42, 100, 300, 500, 700, 900, 1000};
  EXPECT_EQ(cycles, expected);
  // The fatigue applied is the cycles run: 999 between cycle 1 and 1000.
  EXPECT_DOUBLE_EQ(model.aged, 999.);
  // Only the first peak starts from the flat stack.
  EXPECT_TRUE(model.solved_from_flat.front());
  EXPECT_EQ(std::count(model.solved_from_flat.begin(),
                       model.solved_from_flat.end(),
                       true),
            1);
  EXPECT_EQ(model.saved, cycles.size());
  // The flat state is measured at the output cycles and wherever the
  // electrode is cracked: 1, 10, 42, 100, 300, 500, 700, 900, 1000.
  EXPECT_EQ(model.flat_measured, 9u);

  ASSERT_TRUE(results.first_crack[0].cracked);
  EXPECT_EQ(results.first_crack[0].cycle, 42u);
  EXPECT_EQ(results.steps[4].jump_limit, JumpLimit::crack_onset);
  EXPECT_EQ(results.steps[4].cycle_jump, 32u);
  EXPECT_EQ(results.steps[3].jump_limit, JumpLimit::schedule);
  EXPECT_EQ(results.steps[6].jump_limit, JumpLimit::largest_jump);

  // The cracked electrode costs the cell efficiency; the intact one none.
  EXPECT_DOUBLE_EQ(results.steps[3].device.pce_retention, 1.);
  EXPECT_LT(results.steps[4].device.pce_retention, 1.);
}


TEST(CyclingDriver, AStopWithoutAnOutputFolderIsAnError)
{
  const RunParameters p = cyclic_case();
  FatigueLifeModel    model(41.);
  model.stop_at_solve = 5;
  EXPECT_THROW(run(p, model), std::runtime_error);
}
