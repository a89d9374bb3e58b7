import { Button, Input, View } from '@tarojs/components';

interface Props {
  id: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  /** The keyboard's 搜索 key, and the button when there is one. */
  onSearch: () => void;
  /** A 搜索 button beside it: for lists the server searches; none where typing filters at once. */
  withButton?: boolean;
}

/** A search field as the list pages share it. */
export function SearchBox({ id, placeholder, value, onChange, onSearch, withButton }: Props) {
  return (
    <View className='search'>
      <Input
        id={id}
        className='input'
        placeholder={placeholder}
        value={value}
        confirmType='search'
        onInput={(e) => onChange(e.detail.value)}
        onConfirm={onSearch}
      />
      {withButton ? <Button className='btn btn--plain search__btn' onClick={onSearch}>搜索</Button> : null}
    </View>
  );
}
