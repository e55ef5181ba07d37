/**
 * The sandbox as the server renders it: the live component's frame with
 * highlighted code and the expected output on show. Rendered at build time
 * only (no client directive), so none of it ships as page JavaScript.
 */
import { StaticCode, SandboxView, type Counterpart, type ExerciseProps } from './SandboxView';
import { ShareButton } from './ShareButton';
import { solvedKey } from '../client/solved';

export interface StaticSandboxProps {
  id: string;
  title: string;
  files: readonly { path: string; lines: readonly string[] }[];
  activeFile: string;
  expected: readonly string[];
  diagnostics: readonly string[];
  python?: Counterpart | undefined;
  node?: Counterpart | undefined;
  /** An exercise's hints and solution; "solved" is filled in by the page's script. */
  exercise?: Omit<ExerciseProps, 'solved' | 'solvedKey'> | undefined;
  /** The guide page the sandbox belongs to (path with the base), for "solved". */
  page: string;
  /** Offers "Step through" (sandbox.json `stepper`). */
  stepper: boolean;
  /** A "Predict the order" puzzle: the lines' first words in order. */
  puzzle?: readonly string[] | undefined;
}

export function StaticSandbox(props: StaticSandboxProps) {
  const { id, title, files, activeFile } = props;
  const active = files.find((file) => file.path === activeFile) ?? files[0];
  return (
    <SandboxView
      id={id}
      title={title}
      live={false}
      state="idle"
      elapsed={0}
      files={files.map((file) => file.path)}
      activeFile={active?.path ?? activeFile}
      codeLines={active?.lines.length ?? 0}
      expanded={false}
      code={
        <StaticCode
          id={id}
          title={title}
          files={files}
          activeFile={active?.path ?? ''}
          diagnostics={props.diagnostics}
        />
      }
      // A puzzle's expected output is its answer: the reader opens it on purpose.
      tab={props.puzzle ? 'output' : 'expected'}
      lines={[]}
      expected={props.expected}
      diagnostics={props.diagnostics}
      python={props.python}
      node={props.node}
      exercise={
        props.exercise && {
          ...props.exercise,
          solved: false,
          solvedKey: solvedKey(props.page, id),
        }
      }
      canReset={false}
      timelineOpen={false}
      stepper={props.stepper ? { open: false } : undefined}
      puzzle={props.puzzle ? { tokens: props.puzzle } : undefined}
      share={<ShareButton id={id} open={false} />}
    />
  );
}
