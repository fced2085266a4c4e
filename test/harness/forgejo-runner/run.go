// run: a workflow's jobs on the runner's daemon job path. Why not `forgejo-runner exec`: exec starts a
// cache server of its own (advertised on the machine's outbound address, and winning over a job's
// `env:`), gives no job the automatic token, and skips actions/checkout. A Forgejo server instead hands
// the daemon one task per job (the workflow cut down to that job by jobparser, its needs' results and
// outputs, the secrets with FORGEJO_TOKEN, the vars, the github context), and the daemon runs it with
// run.NewRunner(cfg, reg, client).Run(ctx, task): per-job cache proxy registration with the run's
// repository and write-isolation key, runner envs, labels, container settings. This command plays the
// server's part (splitting, ordering by `needs`, skipping dependants of failed jobs, storing what the
// task reports) and calls that same code.
//
// The spec (--spec FILE, JSON) is runSpec below. Output, in spec.outDir:
//
//	tasks.json        one record per task: job id, name, result, outputs, log files
//	task-N.jsonl      the job logger's entries as JSON lines (masked, as the runner masks them)
//	task-N.log        the log rows the task reported: the job log a Forgejo user reads in the web UI
//	runner.log        the runner's own log (debug level)
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	runnerv1 "code.forgejo.org/forgejo/actions-proto/runner/v1"
	"code.forgejo.org/forgejo/runner/v12/act/jobparser"
	"code.forgejo.org/forgejo/runner/v12/act/model"
	"code.forgejo.org/forgejo/runner/v12/act/runner"
	"code.forgejo.org/forgejo/runner/v12/internal/app/run"
	"code.forgejo.org/forgejo/runner/v12/internal/pkg/config"
	"github.com/sirupsen/logrus"
	"google.golang.org/protobuf/types/known/structpb"
)

type runSpec struct {
	Workflow     string         `json:"workflow"` // path of the workflow file
	Event        string         `json:"event"`    // event name (default push)
	EventPayload map[string]any `json:"eventPayload"`
	Repository   string         `json:"repository"` // owner/name
	Ref          string         `json:"ref"`
	Sha          string         `json:"sha"`
	Actor        string         `json:"actor"`
	// The forge: GITHUB_SERVER_URL, the default actions URL (`uses: owner/repo`) and the client address.
	ServerURL string            `json:"serverUrl"`
	Secrets   map[string]string `json:"secrets"` // user secrets; the automatic token is added as the server adds it
	Vars      map[string]string `json:"vars"`
	Env       map[string]string `json:"env"`    // runner envs (config runner.envs)
	Labels    []string          `json:"labels"` // e.g. "docker:host", "docker:docker://image"
	RunnerDir string            `json:"runnerDir"`
	// The shared cache server (config cache.external_server and cache.secret); nil: cache disabled.
	Cache *struct {
		Server string `json:"server"`
		Secret string `json:"secret"`
	} `json:"cache"`
	Capacity       int    `json:"capacity"`
	OutDir         string `json:"outDir"`
	Job            string `json:"job"` // run only this job id (its needs are not run)
	DockerHost     string `json:"dockerHost"`
	Network        string `json:"network"`
	RunNumber      int    `json:"runNumber"`
	TimeoutSeconds int    `json:"timeoutSeconds"`
}

type taskResult struct {
	ID        int64             `json:"id"`
	Job       string            `json:"job"`
	Name      string            `json:"name"`
	Matrix    map[string]any    `json:"matrix"`
	Result    string            `json:"result"`
	Outputs   map[string]string `json:"outputs"`
	JSONLog   string            `json:"jsonLog"`
	TextLog   string            `json:"textLog"`
	StartedAt string            `json:"startedAt,omitempty"`
	StoppedAt string            `json:"stoppedAt,omitempty"`
}

// A user secret may not have these names on a Forgejo server (it refuses to store them).
var reservedSecret = regexp.MustCompile(`^(?i:FORGEJO_|GITEA_|GITHUB_|[0-9])`)

func runCommand(args []string) error {
	fs := flag.NewFlagSet("run", flag.ExitOnError)
	specFile := fs.String("spec", "", "the run's spec (JSON)")
	_ = fs.Parse(args)
	raw, err := os.ReadFile(*specFile)
	if err != nil {
		return err
	}
	var spec runSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("%s: %w", *specFile, err)
	}
	if spec.Event == "" {
		spec.Event = "push"
	}
	if spec.Capacity <= 0 {
		spec.Capacity = 1
	}
	if spec.RunNumber <= 0 {
		spec.RunNumber = 1
	}
	for name := range spec.Secrets {
		if reservedSecret.MatchString(name) {
			return fmt.Errorf("secret %s: a Forgejo server refuses secret names starting with FORGEJO_, GITEA_, GITHUB_ or a digit", name)
		}
	}
	content, err := os.ReadFile(spec.Workflow)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(spec.OutDir, 0o755); err != nil {
		return err
	}

	// The runner's own log goes to runner.log at debug level: below debug, Runner.Run swaps the job
	// logger for one that discards (its NullLogger) and our JSON job log would stay empty.
	runnerLog, err := os.Create(filepath.Join(spec.OutDir, "runner.log"))
	if err != nil {
		return err
	}
	defer runnerLog.Close()
	logrus.SetOutput(runnerLog)
	logrus.SetLevel(logrus.DebugLevel)

	cfg, err := config.LoadDefault("")
	if err != nil {
		return err
	}
	cfg.Runner.Capacity = spec.Capacity
	if spec.TimeoutSeconds > 0 {
		cfg.Runner.Timeout = time.Duration(spec.TimeoutSeconds) * time.Second
	}
	cfg.Runner.ReportInterval = 500 * time.Millisecond
	cfg.Runner.Envs = spec.Env
	cfg.Host.WorkdirParent = filepath.Join(spec.RunnerDir, "act")
	cfg.Container.Network = spec.Network
	cfg.Container.DockerHost = spec.DockerHost
	if cfg.Container.DockerHost == "" {
		cfg.Container.DockerHost = "-" // no daemon socket mounted into job containers
	}
	enabled := spec.Cache != nil
	cfg.Cache.Enabled = &enabled
	if enabled {
		cfg.Cache.ExternalServer = spec.Cache.Server
		cfg.Cache.Secret = spec.Cache.Secret
		cfg.Cache.Host = loopback // the address the per-job proxy advertises in ACTIONS_CACHE_URL
	}
	reg := &config.Registration{Name: "ci-kit-e2e", Address: spec.ServerURL, Labels: spec.Labels}
	server := newLocalServer(spec.ServerURL)
	r := run.NewRunner(cfg, reg, server)

	tasks, err := planTasks(content, &spec)
	if err != nil {
		return err
	}
	results := schedule(r, server, tasks, &spec)
	out, _ := json.MarshalIndent(results, "", "  ")
	return os.WriteFile(filepath.Join(spec.OutDir, "tasks.json"), out, 0o644)
}

type plannedTask struct {
	id      int64
	jobID   string
	name    string
	needs   []string
	hasIf   bool
	matrix  map[string]any
	payload []byte
}

// planTasks cuts the workflow into one single-job workflow per job and matrix leg, as the server does.
func planTasks(content []byte, spec *runSpec) ([]*plannedTask, error) {
	swfs, err := jobparser.Parse(content, true, jobparser.WithVars(spec.Vars))
	if err != nil {
		return nil, err
	}
	var tasks []*plannedTask
	for i, swf := range swfs {
		id, job := swf.Job()
		if spec.Job != "" && id != spec.Job {
			continue
		}
		t := &plannedTask{id: int64(i + 1), jobID: id, name: job.Name, needs: job.Needs(), hasIf: job.If.Value != ""}
		if spec.Job != "" {
			t.needs = nil
		}
		if err := swf.SetJob(id, job.EraseNeeds()); err != nil {
			return nil, err
		}
		if t.payload, err = swf.Marshal(); err != nil {
			return nil, err
		}
		// A matrix leg's payload holds its one combination.
		if leg, err := model.ReadWorkflow(bytes.NewReader(t.payload), false); err == nil {
			if matrixes, err := leg.GetJob(id).GetMatrixes(); err == nil && len(matrixes) == 1 {
				t.matrix = matrixes[0]
			}
		}
		tasks = append(tasks, t)
	}
	if len(tasks) == 0 {
		return nil, fmt.Errorf("no job %q in %s", spec.Job, spec.Workflow)
	}
	return tasks, nil
}

// schedule runs the tasks, at most spec.Capacity at once, each once all legs of its needs are done.
// A task whose needs did not all succeed is skipped unless it has an `if:` (the runner evaluates it).
func schedule(r *run.Runner, server *localServer, tasks []*plannedTask, spec *runSpec) []taskResult {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	done := map[int64]taskResult{}
	started := map[int64]bool{}
	running := 0
	legs := map[string][]*plannedTask{}
	for _, t := range tasks {
		legs[t.jobID] = append(legs[t.jobID], t)
	}
	// jobState: whether every leg of a job is done, and its combined result and outputs.
	jobState := func(jobID string) (bool, *runnerv1.TaskNeed) {
		need := &runnerv1.TaskNeed{Outputs: map[string]string{}, Result: runnerv1.Result_RESULT_SUCCESS}
		for _, leg := range legs[jobID] {
			res, ok := done[leg.id]
			if !ok {
				return false, nil
			}
			for k, v := range res.Outputs {
				need.Outputs[k] = v
			}
			if res.Result != "success" && need.Result == runnerv1.Result_RESULT_SUCCESS {
				need.Result = runnerv1.Result(runnerv1.Result_value["RESULT_"+strings.ToUpper(res.Result)])
			}
		}
		return true, need
	}

	mu.Lock()
	for len(done) < len(tasks) {
		progressed := false
		for _, t := range tasks {
			if started[t.id] || running >= spec.Capacity {
				continue
			}
			needs := map[string]*runnerv1.TaskNeed{}
			ready, allGreen := true, true
			for _, n := range t.needs {
				complete, need := jobState(n)
				if !complete {
					ready = false
					break
				}
				needs[n] = need
				allGreen = allGreen && need.Result == runnerv1.Result_RESULT_SUCCESS
			}
			if !ready {
				continue
			}
			started[t.id] = true
			progressed = true
			if !allGreen && !t.hasIf {
				done[t.id] = taskResult{ID: t.id, Job: t.jobID, Name: t.name, Matrix: t.matrix, Result: "skipped"}
				fmt.Printf("task %d %s: skipped (a needed job did not succeed)\n", t.id, t.jobID)
				continue
			}
			running++
			go func(t *plannedTask) {
				res := runTask(r, server, t, needs, spec)
				mu.Lock()
				done[t.id] = res
				running--
				fmt.Printf("task %d %s: %s\n", t.id, t.jobID, res.Result)
				cond.Broadcast()
				mu.Unlock()
			}(t)
		}
		if !progressed && len(done) < len(tasks) {
			cond.Wait()
		}
	}
	mu.Unlock()
	results := make([]taskResult, 0, len(done))
	for _, res := range done {
		results = append(results, res)
	}
	sort.Slice(results, func(i, j int) bool { return results[i].ID < results[j].ID })
	return results
}

func runTask(r *run.Runner, server *localServer, t *plannedTask, needs map[string]*runnerv1.TaskNeed, spec *runSpec) taskResult {
	res := taskResult{
		ID:      t.id,
		Job:     t.jobID,
		Name:    t.name,
		Matrix:  t.matrix,
		JSONLog: filepath.Join(spec.OutDir, fmt.Sprintf("task-%d.jsonl", t.id)),
		TextLog: filepath.Join(spec.OutDir, fmt.Sprintf("task-%d.log", t.id)),
	}
	task, err := buildTask(t, needs, spec)
	if err == nil {
		var jsonLog *os.File
		if jsonLog, err = os.Create(res.JSONLog); err == nil {
			ctx := runner.WithJobLoggerFactory(context.Background(), jsonLoggerFactory{jsonLog})
			err = r.Run(ctx, task)
			_ = jsonLog.Close()
		}
	}
	rows, state, outputs := server.snapshot(t.id)
	var text strings.Builder
	for _, row := range rows {
		text.WriteString(row.GetTime().AsTime().UTC().Format(time.RFC3339Nano))
		text.WriteString(" ")
		text.WriteString(row.GetContent())
		text.WriteString("\n")
	}
	if err != nil {
		fmt.Fprintf(&text, "ci-kit-forgejo: %v\n", err)
	}
	_ = os.WriteFile(res.TextLog, []byte(text.String()), 0o644)
	res.Result = "failure"
	if state != nil && err == nil {
		res.Result = strings.ToLower(strings.TrimPrefix(state.GetResult().String(), "RESULT_"))
		if state.GetStartedAt() != nil {
			res.StartedAt = state.GetStartedAt().AsTime().Format(time.RFC3339Nano)
		}
		if state.GetStoppedAt() != nil {
			res.StoppedAt = state.GetStoppedAt().AsTime().Format(time.RFC3339Nano)
		}
	}
	res.Outputs = outputs
	return res
}

// buildTask: what the server sends for one job (Forgejo's models/actions task context).
func buildTask(t *plannedTask, needs map[string]*runnerv1.TaskNeed, spec *runSpec) (*runnerv1.Task, error) {
	token := randomHex(20)
	refName, refType := spec.Ref, ""
	switch {
	case strings.HasPrefix(spec.Ref, "refs/heads/"):
		refName, refType = strings.TrimPrefix(spec.Ref, "refs/heads/"), "branch"
	case strings.HasPrefix(spec.Ref, "refs/tags/"):
		refName, refType = strings.TrimPrefix(spec.Ref, "refs/tags/"), "tag"
	case strings.HasPrefix(spec.Ref, "refs/pull/"):
		refName = strings.TrimPrefix(spec.Ref, "refs/pull/")
	}
	headRef, baseRef := "", ""
	if pr, ok := spec.EventPayload["pull_request"].(map[string]any); ok {
		headRef = nestedString(pr, "head", "ref")
		baseRef = nestedString(pr, "base", "ref")
	}
	owner, _, _ := strings.Cut(spec.Repository, "/")
	event := spec.EventPayload
	if event == nil {
		event = map[string]any{}
	}
	fields := map[string]any{
		"job":                         t.jobID,
		"event_name":                  spec.Event,
		"event":                       event,
		"run_id":                      strconv.Itoa(spec.RunNumber),
		"run_number":                  strconv.Itoa(spec.RunNumber),
		"run_attempt":                 "1",
		"actor":                       spec.Actor,
		"repository":                  spec.Repository,
		"repository_owner":            owner,
		"sha":                         spec.Sha,
		"ref":                         spec.Ref,
		"ref_name":                    refName,
		"ref_type":                    refType,
		"head_ref":                    headRef,
		"base_ref":                    baseRef,
		"token":                       token,
		"retention_days":              "90",
		"workflow_ref":                "",
		"forgejo_default_actions_url": spec.ServerURL,
		"forgejo_runtime_token":       randomHex(20),
	}
	ctxStruct, err := structpb.NewStruct(fields)
	if err != nil {
		return nil, fmt.Errorf("task context: %w", err)
	}
	secrets := map[string]string{}
	for k, v := range spec.Secrets {
		secrets[k] = v
	}
	// Every task gets the job token under these three names, whatever the user's secrets are.
	for _, name := range []string{"FORGEJO_TOKEN", "GITEA_TOKEN", "GITHUB_TOKEN"} {
		secrets[name] = token
	}
	vars := spec.Vars
	if vars == nil {
		vars = map[string]string{}
	}
	return &runnerv1.Task{
		Id:              t.id,
		WorkflowPayload: t.payload,
		Context:         ctxStruct,
		Secrets:         secrets,
		Needs:           needs,
		Vars:            vars,
	}, nil
}

// jsonLoggerFactory gives the job logger (the one the reporter hooks into) a JSON formatter writing
// to the task's file: the same entries the reporter turns into log rows, with all their fields.
type jsonLoggerFactory struct{ out *os.File }

func (f jsonLoggerFactory) WithJobLogger() *logrus.Logger {
	logger := logrus.New()
	logger.SetOutput(f.out)
	logger.SetFormatter(&logrus.JSONFormatter{TimestampFormat: time.RFC3339Nano})
	logger.SetLevel(logrus.TraceLevel)
	return logger
}

func nestedString(m map[string]any, keys ...string) string {
	var cur any = m
	for _, k := range keys {
		next, ok := cur.(map[string]any)
		if !ok {
			return ""
		}
		cur = next[k]
	}
	s, _ := cur.(string)
	return s
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(errors.New("no randomness"))
	}
	return hex.EncodeToString(b)
}

