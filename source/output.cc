#include <bendsim/collective.h>
#include <bendsim/input_error.h>
#include <bendsim/laminate.h>
#include <bendsim/output.h>
#include <bendsim/output_failure.h>
#include <bendsim_revision.h>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deal.II/base/config.h>
#include <deal.II/base/data_out_base.h>
#include <deal.II/base/mpi.h>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unistd.h>

namespace bendsim
{
  namespace fs = std::filesystem;

  namespace
  {
    /**
     * @p x for summary.json: rounded to 10 significant digits, as the
     * numbers in history.csv are to theirs, and null if it is not finite (a
     * NaN or an infinity has no JSON number).
     */
    nlohmann::ordered_json
    number(const double x)
    {
      if (!std::isfinite(x))
        return nullptr;
      char text[32];
      std::snprintf(text, sizeof(text), "%.10g", x);
      return std::strtod(text, nullptr);
    }

    /** This machine's host name ("unknown" if it cannot be had). */
    std::string
    host_name()
    {
      char name[256] = {};
      if (gethostname(name, sizeof(name) - 1) != 0 || name[0] == '\0')
        return "unknown";
      return name;
    }

    /** The date and time now, UTC, in ISO 8601: 2024-05-01T12:34:56Z. */
    std::string
    utc_now()
    {
      const std::time_t now = std::time(nullptr);
      std::tm           utc{};
      gmtime_r(&now, &utc);
      char text[32];
      std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &utc);
      return text;
    }

    std::string
    read_file(const std::string &filename)
    {
      std::ifstream      in(filename, std::ios::binary);
      std::ostringstream content;
      content << in.rdbuf();
      if (!in)
        throw std::runtime_error("cannot read " + filename);
      return content.str();
    }

    bool
    is_root(const MPI_Comm comm)
    {
      return dealii::Utilities::MPI::this_mpi_process(comm) == 0;
    }
  } // namespace


  const char *
  to_string(const JumpLimit limit)
  {
    switch (limit)
      {
        case JumpLimit::explicit_cycle:
          return "explicit";
        case JumpLimit::damage_increment:
          return "damage_increment";
        case JumpLimit::crack_growth:
          return "crack_growth";
        case JumpLimit::crack_onset:
          return "crack_onset";
        case JumpLimit::largest_jump:
          return "largest_jump";
        case JumpLimit::schedule:
          return "schedule";
      }
    return "unknown";
  }


  void
  write_file_atomically(const std::string &filename, const std::string &text)
  {
    // Written, flushed and checked under a temporary name, and renamed into
    // place only then: a full disk or a failing flush leaves the old file
    // as it was (a rename within a folder is atomic), never an empty or
    // truncated one.
    const std::string temporary = filename + ".tmp";
    const auto        failure   = [&](const std::string &what) {
      const std::string reason = std::strerror(errno);
      std::error_code   ignored;
      fs::remove(temporary, ignored);
      return OutputFailure("cannot write " + filename + ": " + what + " (" +
                           reason + ")");
    };
    {
      std::ofstream out(temporary, std::ios::binary);
      if (!out)
        throw failure("cannot create " + temporary);
      out << text;
      out.flush();
      if (!out)
        throw failure("writing " + temporary + " failed");
      out.close();
      if (!out)
        throw failure("closing " + temporary + " failed");
    }
    std::error_code error;
    fs::rename(temporary, filename, error);
    if (error)
      {
        errno = error.value();
        throw failure("renaming " + temporary + " failed");
      }
  }


  OutputFolder::OutputFolder(const RunParameters &parameters,
                             const MPI_Comm       mpi_communicator)
    : parameters(parameters)
    , mpi_communicator(mpi_communicator)
    , folder(parameters.output_folder)
  {
    if (is_root(mpi_communicator))
      screen_log = std::make_unique<ScreenLog>();
  }


  std::string
  OutputFolder::path() const
  {
    return folder + "/";
  }


  void
  OutputFolder::prepare() const
  {
    // Rank 0 alone touches the folder. Whatever goes wrong there (the name
    // is taken by a file, a parent is a file or cannot be written, the name
    // is too long, the folder is the material library's) ends every rank
    // with the same InputError, naming the entry, before any rank writes.
    run_collectively(mpi_communicator, [this]() {
      if (!is_root(mpi_communicator))
        return;
      const auto refuse = [this](const std::string &what) {
        return InputError(parameters.case_file,
                          "Output folder",
                          "'" + folder + "' " + what);
      };
      try
        {
          if (fs::exists(folder) && !fs::is_directory(folder))
            throw refuse("is a file, not a folder: name another folder, or "
                         "remove the file");
          // A checkpoint means an unfinished cyclic run: a fresh run would
          // destroy it.
          if (fs::exists(path() + "checkpoint.bin"))
            throw refuse("holds the checkpoint of an unfinished cyclic run "
                         "(checkpoint.bin): continue it with 'bendsim "
                         "--resume " +
                         folder +
                         "', or delete checkpoint.bin (or the folder) to "
                         "start afresh");
          const fs::path library_folder =
            fs::absolute(parameters.material_library_file).parent_path();
          if (fs::exists(folder) && fs::equivalent(folder, library_folder))
            throw refuse("is the folder of the material library " +
                         parameters.material_library_file +
                         ": the run would overwrite its files there "
                         "(materials.prm, parameters.prm); name a folder of "
                         "its own");

          fs::create_directories(folder);
          for (const auto &entry : fs::directory_iterator(folder))
            {
              const std::string name = entry.path().filename().string();
              if (name.rfind("solution", 0) == 0 || name == "history.csv" ||
                  name == "summary.json" ||
                  name.rfind("checkpoint.bin", 0) == 0)
                fs::remove(entry.path());
            }
          write_file_atomically(path() + "parameters.prm",
                                parameters.used_parameters_text());
          write_file_atomically(path() + "materials.prm",
                                read_file(parameters.material_library_file));
          screen_log->attach(path() + "log.txt", false);
        }
      catch (const InputError &)
        {
          throw;
        }
      catch (const fs::filesystem_error &e)
        {
          throw refuse("cannot be used: " + e.code().message());
        }
      catch (const std::exception &e)
        {
          throw refuse("cannot be written: " + std::string(e.what()));
        }
    });
  }


  void
  OutputFolder::resume(
    const unsigned int                                 history_rows,
    const std::vector<std::pair<double, std::string>> &records)
  {
    pvd_records = records;
    run_collectively(mpi_communicator, [&]() {
      if (!is_root(mpi_communicator))
        return;
      // A stop in the first cycle leaves no row, and no header either.
      const std::string history = path() + "history.csv";
      std::ifstream     in(history);
      std::string       kept, line;
      for (unsigned int n = 0; history_rows > 0 && n <= history_rows; ++n)
        {
          if (!std::getline(in, line) || in.eof())
            throw InputError(history,
                             "",
                             "has fewer rows than its checkpoint records (" +
                               std::to_string(history_rows) +
                               "): the folder was changed after the "
                               "checkpoint was written");
          kept += line + '\n';
        }
      in.close();
      if (history_rows > 0)
        write_file_atomically(history, kept);
      else
        fs::remove(history);
      std::ostringstream pvd;
      dealii::DataOutBase::write_pvd_record(pvd, pvd_records);
      write_file_atomically(path() + "solution.pvd", pvd.str());
      fs::remove(path() + "summary.json");
      screen_log->attach(path() + "log.txt", true);
    });
  }


  const std::vector<std::pair<double, std::string>> &
  OutputFolder::records() const
  {
    return pvd_records;
  }


  void
  OutputFolder::add_to_pvd(const double time, const std::string &pvtu_file)
  {
    pvd_records.emplace_back(time, pvtu_file);
    run_collectively(mpi_communicator, [this]() {
      if (!is_root(mpi_communicator))
        return;
      std::ostringstream pvd;
      dealii::DataOutBase::write_pvd_record(pvd, pvd_records);
      write_file_atomically(path() + "solution.pvd", pvd.str());
    });
  }


  namespace
  {
    /** A row of history.csv, after the header line if @p new_file. */
    std::string
    history_text(const RunParameters &parameters,
                 const StepResult    &step,
                 const bool           new_file)
    {
      const Stack       &stack  = parameters.stack;
      const bool         cyclic = is_cyclic(parameters.loading.type);
      std::ostringstream out;
      if (new_file)
        {
          if (cyclic)
            out << "cycle,cycles_in_jump,jump_limited_by,";
          out << "step,load_factor,curvature_1_per_mm,bending_radius_mm,"
                 "neutral_axis_height_um,measured_curvature_1_per_mm";
          for (const Layer &layer : stack.layers())
            out << ",strain_bottom_" << layer.name << "_percent,strain_top_"
                << layer.name << "_percent";
          for (const Layer &layer : stack.layers())
            out << ",cracks_" << layer.name << ",crack_density_" << layer.name
                << "_per_mm,largest_opening_" << layer.name << "_um,channel_G_"
                << layer.name << "_J_per_m2";
          for (unsigned int i = 0; i + 1 < stack.n_layers(); ++i)
            out << ",delaminated_fraction_" << stack.interface_name(i);
          for (const Layer &layer : stack.layers())
            out << ",process_zone_columns_" << layer.name << ",channel_front_G_"
                << layer.name << "_J_per_m2,flat_opening_" << layer.name
                << "_um";
          for (unsigned int i = 0; i + 1 < stack.n_layers(); ++i)
            out << ",process_zone_fraction_" << stack.interface_name(i)
                << ",debond_front_G_" << stack.interface_name(i) << "_J_per_m2";
          out << ",damaged_faces,newton_iterations";
          if (is_double_cantilever_beam(parameters.loading.type))
            out << ",load_point_opening_um,load_point_force_uN";
          if (cyclic)
            out
              << ",electrode_crack_density_per_mm,"
                 "electrode_open_crack_density_per_mm,"
                 "electrode_sheet_resistance_ohm_per_sq,"
                 "electrode_connected_fraction,absorber_crack_density_per_mm,"
                 "current_path_delaminated_fraction,series_resistance_ohm_cm2,"
                 "shunt_resistance_ohm_cm2,Voc_V,Jsc_mA_per_cm2,FF,PCE_percent,"
                 "PCE_retention";
          out << '\n';
        }
      out << std::setprecision(8);
      if (cyclic)
        out << step.cycle << ',' << step.cycle_jump << ','
            << to_string(step.jump_limit) << ',';
      out << step.step << ',' << step.load_factor << ','
          << step.curvature * 1000. << ','
          << (step.curvature == 0 ? 0. : 1. / std::abs(step.curvature) / 1000.)
          << ',' << step.neutral_axis_height << ','
          << step.measured_curvature * 1000.;
      for (const LayerStrains &s : step.layers)
        out << ',' << 100. * s.bottom_axial_strain << ','
            << 100. * s.top_axial_strain;
      const DamageMetrics &d = step.damage;
      for (unsigned int k = 0; k < stack.n_layers(); ++k)
        out << ',' << d.cracks[k] << ',' << d.crack_density[k] << ','
            << d.largest_opening[k] << ',' << d.channel_energy_release_rate[k];
      for (const double fraction : d.delaminated_fraction)
        out << ',' << fraction;
      // Crack-front energy release rates to 1e-7 J/m^2 and flat openings to
      // 1e-9 µm: below that they are solver noise (a zone that has just
      // started to soften, a closed crack), which would make runs that agree
      // to the Newton tolerance differ in these columns.
      const auto rounded = [](const double value, const double unit) {
        return std::round(value / unit) * unit;
      };
      const auto entry = [&](const std::vector<double> &v,
                             const unsigned int         i) {
        return i < v.size() ? rounded(v[i], 1e-7) : 0.;
      };
      for (unsigned int k = 0; k < stack.n_layers(); ++k)
        {
          out << ',' << d.process_zone_columns[k] << ','
              << entry(d.channel_front_energy_release_rate, k) << ',';
          if (k < d.largest_flat_opening.size())
            out << rounded(d.largest_flat_opening[k], 1e-9);
        }
      for (unsigned int i = 0; i + 1 < stack.n_layers(); ++i)
        out << ',' << d.process_zone_fraction[i] << ','
            << entry(d.debond_front_energy_release_rate, i);
      out << ',' << d.damaged_faces << ',' << step.newton_iterations;
      if (is_double_cantilever_beam(parameters.loading.type))
        out << ',' << step.load_point_opening << ',' << step.load_point_force;
      if (cyclic)
        {
          const DeviceState &d = step.device;
          out << ',' << d.damage.electrode_crack_density << ','
              << d.damage.electrode_open_crack_density << ','
              << d.damage.electrode_sheet_resistance << ','
              << d.damage.electrode_connected_fraction << ','
              << d.damage.absorber_crack_density << ','
              << d.damage.delaminated_fraction << ','
              << d.diode.series_resistance << ',' << d.diode.shunt_resistance
              << ',' << d.performance.open_circuit_voltage << ','
              << d.performance.short_circuit_current_density << ','
              << d.performance.fill_factor << ',' << d.performance.efficiency
              << ',' << d.pce_retention;
        }
      out << '\n';
      return out.str();
    }
  } // namespace


  void
  OutputFolder::write_history_row(const StepResult &step) const
  {
    // Appended and flushed at once, and checked: a row that did not reach
    // the disk (a full disk) stops the run on every rank instead of being
    // lost silently. A half-written last row is dropped by a resume.
    run_collectively(mpi_communicator, [&]() {
      if (!is_root(mpi_communicator))
        return;
      const std::string filename = path() + "history.csv";
      const std::string text =
        history_text(parameters, step, !fs::exists(filename));
      std::ofstream out(filename, std::ios::app | std::ios::binary);
      out << text;
      out.flush();
      if (out)
        out.close();
      if (!out)
        throw OutputFailure("cannot append a row to " + filename + " (" +
                            std::strerror(errno) + ")");
    });
  }


  void
  OutputFolder::write_summary(const RunResults &results) const
  {
    run_collectively(mpi_communicator, [&]() {
      if (is_root(mpi_communicator))
        write_file_atomically(path() + "summary.json",
                              summary_json(parameters, results));
    });
  }


  std::string
  summary_json(const RunParameters &parameters, const RunResults &results)
  {
    using json                         = nlohmann::ordered_json;
    const Stack      &stack            = parameters.stack;
    const StepResult &last             = results.steps.back();
    const double neutral_axis_laminate = stack.laminate_neutral_axis_height();

    json summary;
    summary["case_file"]             = parameters.case_file;
    summary["dimension"]             = parameters.dimension;
    summary["mpi_ranks"]             = results.n_ranks;
    summary["dofs"]                  = results.n_dofs;
    summary["unknowns"]              = results.n_unknowns;
    summary["cells"]                 = results.n_cells;
    summary["max_cell_aspect_ratio"] = number(results.max_aspect_ratio);
    summary["bending_radius_mm"] = number(parameters.bending.bending_radius);
    summary["film_side"] = parameters.bending.film_side == FilmSide::tension ?
                             "tension" :
                             "compression";
    summary["curvature_1_per_mm"] = number(last.curvature * 1000.);
    summary["measured_curvature_1_per_mm"] =
      number(last.measured_curvature * 1000.);
    summary["stack_thickness_um"]     = number(stack.total_thickness());
    summary["neutral_axis_height_um"] = number(last.neutral_axis_height);
    summary["neutral_axis_height_laminate_theory_um"] =
      number(neutral_axis_laminate);

    json layers = json::array();
    for (unsigned int i = 0; i < stack.n_layers(); ++i)
      {
        const Layer        &layer = stack.layer(i);
        const LayerStrains &s     = last.layers[i];
        json                entry;
        entry["name"]                = layer.name;
        entry["material"]            = layer.material.name;
        entry["bottom_um"]           = number(layer.bottom);
        entry["top_um"]              = number(layer.top);
        entry["crackable"]           = layer.crackable;
        entry["min_axial_strain"]    = number(s.min_axial_strain);
        entry["max_axial_strain"]    = number(s.max_axial_strain);
        entry["bottom_axial_strain"] = number(s.bottom_axial_strain);
        entry["top_axial_strain"]    = number(s.top_axial_strain);
        entry["bottom_axial_strain_laminate_theory"] =
          number(laminate::axial_strain(layer.bottom,
                                        neutral_axis_laminate,
                                        last.curvature));
        entry["top_axial_strain_laminate_theory"] =
          number(laminate::axial_strain(layer.top,
                                        neutral_axis_laminate,
                                        last.curvature));
        entry["cracks"]               = last.damage.cracks[i];
        entry["crack_density_per_mm"] = number(last.damage.crack_density[i]);
        entry["largest_crack_opening_um"] =
          number(last.damage.largest_opening[i]);
        entry["channel_energy_release_rate_J_per_m2"] =
          number(last.damage.channel_energy_release_rate[i]);
        entry["process_zone_columns"] = last.damage.process_zone_columns[i];
        const FirstCrack &first       = results.first_crack[i];
        if (first.cracked)
          entry["first_crack"] = {
            {"bending_radius_mm",
             number(1. / std::abs(first.curvature) / 1000.)},
            {"curvature_1_per_mm", number(first.curvature * 1000.)},
            {"layer_top_strain", number(first.top_strain)},
            {"cycle", first.cycle}};
        else
          entry["first_crack"] = nullptr;
        layers.push_back(std::move(entry));
      }
    summary["layers"] = std::move(layers);

    json interfaces = json::array();
    for (unsigned int i = 0; i + 1 < stack.n_layers(); ++i)
      {
        const Interface &interface = stack.interface(i);
        interfaces.push_back(
          {{"name", stack.interface_name(i)},
           {"crackable", interface.crackable},
           {"properties_from",
            interface.from_library ? "library interface" : "weaker material"},
           {"delaminated_fraction",
            number(last.damage.delaminated_fraction[i])},
           {"process_zone_fraction",
            number(last.damage.process_zone_fraction[i])}});
      }
    summary["interfaces"] = std::move(interfaces);

    if (is_cyclic(parameters.loading.type))
      {
        const auto retention_at = [&](const unsigned int cycle) -> json {
          for (const StepResult &r : results.steps)
            if (r.cycle == cycle)
              return number(r.device.pce_retention);
          return nullptr;
        };
        unsigned int jumps = 0;
        for (const StepResult &r : results.steps)
          jumps += r.cycle_jump > 1;
        summary["cycles"] = {{"number", last.cycle},
                             {"solved", results.steps.size()},
                             {"solved_after_a_jump", jumps}};
        summary["device"] = {
          {"intact_pce_percent", number(last.device.intact_efficiency)},
          {"final_pce_percent", number(last.device.performance.efficiency)},
          {"pce_retention_at_100_cycles", retention_at(100)},
          {"pce_retention_at_1000_cycles", retention_at(1000)},
          {"final_pce_retention", number(last.device.pce_retention)}};
      }

    summary["timing_s"] = {
      {"setup", number(results.setup_time)},
      {"assembly", number(results.assembly_time)},
      {"solve", number(results.solve_time)},
      {"factorization", number(results.factorization_time)},
      {"back_substitution", number(results.back_substitution_time)},
      {"low_rank_update", number(results.low_rank_update_time)},
      {"output", number(results.output_time)},
      {"wall", number(results.wall_time)}};
    summary["linear_algebra"] = {{"linear_solves", results.n_linear_solves},
                                 {"factorizations", results.n_factorizations},
                                 {"back_substitutions",
                                  results.n_back_substitutions}};
    summary["peak_memory_mb"] = {
      {"largest_rank", number(results.peak_memory_max)},
      {"all_ranks", number(results.peak_memory_sum)}};

    summary["provenance"] = {{"bendsim_version", BENDSIM_VERSION},
                             {"git_revision", BENDSIM_GIT_REVISION},
                             {"deal_ii_version", DEAL_II_PACKAGE_VERSION},
                             {"command_line", parameters.command_line},
                             {"mpi_ranks", results.n_ranks},
                             {"host", host_name()},
                             {"written_utc", utc_now()}};
    return summary.dump(2) + "\n";
  }
} // namespace bendsim
